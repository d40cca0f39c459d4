-- At most one running execution per job instance, enforced by PostgreSQL (ADR 0062). Spring Batch checks this
-- itself when it creates an execution, and defaults that check to SERIALIZABLE transactions; on PostgreSQL those
-- abort at random (serialization failures) when a job's thread creates a step execution while another thread
-- creates a job execution, which failed jobs. The repository now creates under READ COMMITTED, and this index
-- keeps the guarantee the SERIALIZABLE check gave: a second concurrent start of the same instance fails on it.
-- Running = BatchStatus.isRunning(): STARTING, STARTED, STOPPING.
CREATE UNIQUE INDEX batch_job_execution_one_running
    ON BATCH_JOB_EXECUTION (JOB_INSTANCE_ID)
    WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING');

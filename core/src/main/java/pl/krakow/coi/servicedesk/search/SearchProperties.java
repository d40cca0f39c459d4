package pl.krakow.coi.servicedesk.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of ticket search ({@code servicedesk.search.*}).
 *
 * @param relay the outbox relay
 * @param index the ticket index
 * @param reindex the full reindex job
 */
@ConfigurationProperties("servicedesk.search")
record SearchProperties(Relay relay, Index index, Reindex reindex) {

    public SearchProperties {
        relay = relay == null ? new Relay(null, null, null, null, null) : relay;
        index = index == null ? new Index(null, null, null, null) : index;
        reindex = reindex == null ? new Reindex(null, null, null, null, null, null) : reindex;
    }

    /**
     * The outbox relay (the worker role: turn it off on replicas that only serve the API).
     *
     * @param enabled whether this replica relays outbox rows to Elasticsearch
     * @param interval pause between two polls of the outbox (a commit also triggers the relay at once)
     * @param batchSize outbox rows claimed per bulk request
     * @param minBackoff first pause after Elasticsearch failed; doubled on each further failure
     * @param maxBackoff longest pause while Elasticsearch stays unavailable
     */
    public record Relay(
            Boolean enabled, Duration interval, Integer batchSize, Duration minBackoff, Duration maxBackoff) {

        public Relay {
            enabled = enabled == null || enabled;
            interval = interval == null ? Duration.ofMillis(500) : interval;
            batchSize = batchSize == null || batchSize < 1 ? 500 : batchSize;
            minBackoff = minBackoff == null ? Duration.ofMillis(500) : minBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofSeconds(10) : maxBackoff;
        }
    }

    /**
     * The ticket index.
     *
     * @param shards primary shards of a new index
     * @param replicas replicas of each shard (0 on a single node)
     * @param refreshInterval how soon an indexed change becomes searchable
     * @param bootstrapRetry pause between attempts to create the index while Elasticsearch is unreachable
     */
    public record Index(Integer shards, Integer replicas, Duration refreshInterval, Duration bootstrapRetry) {

        public Index {
            shards = shards == null || shards < 1 ? 1 : shards;
            replicas = replicas == null || replicas < 0 ? 1 : replicas;
            refreshInterval = refreshInterval == null ? Duration.ofSeconds(1) : refreshInterval;
            bootstrapRetry = bootstrapRetry == null ? Duration.ofSeconds(5) : bootstrapRetry;
        }
    }

    /**
     * The full reindex job.
     *
     * @param chunkSize tickets read, analysed and sent per bulk request
     * @param partitions ranges of ticket ids copied independently (and restarted independently)
     * @param threads partitions copied at once
     * @param keepPreviousIndex whether the index replaced by a reindex is kept (for a manual rollback)
     * @param mergeToSegments segments per shard the new index is merged down to before it is published
     *     (ADR 0064); 0 leaves the merging to Elasticsearch's merge policy
     * @param staleAfter a running reindex whose heartbeat is older than this is considered dead and may
     *     be restarted from another replica
     */
    public record Reindex(
            Integer chunkSize,
            Integer partitions,
            Integer threads,
            Boolean keepPreviousIndex,
            Integer mergeToSegments,
            Duration staleAfter) {

        public Reindex {
            chunkSize = chunkSize == null || chunkSize < 1 ? 2000 : chunkSize;
            partitions = partitions == null || partitions < 1 ? 8 : partitions;
            threads = threads == null || threads < 1 ? 2 : threads;
            keepPreviousIndex = keepPreviousIndex != null && keepPreviousIndex;
            mergeToSegments = mergeToSegments == null || mergeToSegments < 0 ? 1 : mergeToSegments;
            staleAfter = staleAfter == null ? Duration.ofMinutes(2) : staleAfter;
        }
    }
}

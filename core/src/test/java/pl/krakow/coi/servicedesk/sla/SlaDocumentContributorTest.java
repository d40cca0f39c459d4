package pl.krakow.coi.servicedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlaDocumentContributorTest {

    @Test
    void theTicketsSlaStateIsTheWorstOfItsTargets() {
        assertThat(SlaDocumentContributor.worst(TargetState.MET, TargetState.BREACHED))
                .isEqualTo(TargetState.BREACHED);
        assertThat(SlaDocumentContributor.worst(TargetState.MET, TargetState.RUNNING))
                .isEqualTo(TargetState.RUNNING);
        assertThat(SlaDocumentContributor.worst(TargetState.PAUSED, TargetState.MET))
                .isEqualTo(TargetState.PAUSED);
        assertThat(SlaDocumentContributor.worst(TargetState.CANCELLED, TargetState.MET))
                .isEqualTo(TargetState.MET);
    }
}

package pl.krakow.coi.servicedesk.cmdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

class LifecyclePolicyTest {

    static final CurrentUser cmdbAdmin = user(Role.CMDB_ADMIN);
    static final CurrentUser disposal = user(Role.DISPOSAL);

    @ParameterizedTest
    @CsvSource({
        "ORDERED, IN_STOCK",
        "IN_STOCK, IN_USE",
        "IN_USE, IN_REPAIR",
        "IN_REPAIR, IN_USE",
        "IN_REPAIR, IN_STOCK",
        "IN_USE, IN_STOCK",
        "IN_STOCK, RETIRED"
    })
    void theLifecycleStepsAreAllowedWithAReason(CiStatus from, CiStatus to) {
        assertThatCode(() -> LifecyclePolicy.check(from, to, "Wymiana zasilacza", cmdbAdmin))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({
        "ORDERED, IN_USE",
        "ORDERED, RETIRED",
        "IN_USE, RETIRED",
        "IN_REPAIR, RETIRED",
        "RETIRED, IN_STOCK",
        "RETIRED, IN_USE",
        "DISPOSED, IN_STOCK",
        "IN_STOCK, ORDERED",
        "IN_USE, IN_USE"
    })
    void stepsOutsideTheLifecycleAreAConflict(CiStatus from, CiStatus to) {
        assertThatThrownBy(() -> LifecyclePolicy.check(from, to, "Bo tak", cmdbAdmin))
                .isInstanceOfSatisfying(ServiceDeskException.class, e -> {
                    assertThat(e.type()).isEqualTo("invalid-lifecycle-transition");
                    assertThat(e.kind()).isEqualTo(ServiceDeskException.Kind.CONFLICT);
                    assertThat(e.properties()).containsEntry("status", from.name());
                });
    }

    @Test
    void onlyTheDisposalRoleDisposesOfARetiredItem() {
        for (CurrentUser user : Set.of(cmdbAdmin, user(Role.ADMIN), user(Role.AGENT), user(Role.INTEGRATION))) {
            assertThatThrownBy(() -> LifecyclePolicy.check(
                            CiStatus.RETIRED, CiStatus.DISPOSED, "Protokół likwidacji 12/2026", user))
                    .isInstanceOfSatisfying(ServiceDeskException.class, e -> {
                        assertThat(e.type()).isEqualTo("disposal-not-allowed");
                        assertThat(e.kind()).isEqualTo(ServiceDeskException.Kind.FORBIDDEN);
                    });
        }
        assertThatCode(() -> LifecyclePolicy.check(
                        CiStatus.RETIRED, CiStatus.DISPOSED, "Protokół likwidacji 12/2026", disposal))
                .doesNotThrowAnyException();
    }

    @Test
    void theDisposalRoleStillFollowsTheLifecycle() {
        assertThatThrownBy(() -> LifecyclePolicy.check(CiStatus.IN_USE, CiStatus.DISPOSED, "Zniszczony", disposal))
                .isInstanceOfSatisfying(
                        ServiceDeskException.class,
                        e -> assertThat(e.type()).isEqualTo("invalid-lifecycle-transition"));
    }

    @Test
    void aTransitionWithoutAReasonIsRefused() {
        for (String reason : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> LifecyclePolicy.check(CiStatus.IN_USE, CiStatus.IN_REPAIR, reason, cmdbAdmin))
                    .isInstanceOfSatisfying(
                            ServiceDeskException.class,
                            e -> assertThat(e.type()).isEqualTo("transition-reason-required"));
        }
    }

    @Test
    void newItemsAreOrderedInStockOrInUse() {
        assertThat(CiStatus.initial()).containsExactlyInAnyOrder(CiStatus.ORDERED, CiStatus.IN_STOCK, CiStatus.IN_USE);
        assertThatThrownBy(() -> LifecyclePolicy.checkInitial(CiStatus.RETIRED))
                .isInstanceOfSatisfying(
                        ServiceDeskException.class, e -> assertThat(e.type()).isEqualTo("invalid-initial-status"));
        assertThat(CiStatus.DISPOSED.next()).isEmpty();
    }

    private static CurrentUser user(Role role) {
        return new CurrentUser(role.name().toLowerCase(), null, EnumSet.of(role), Optional.empty());
    }
}

package pl.krakow.coi.servicedesk.licence.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CompliancePositionTest {

    @Test
    void installationsBeyondPerDeviceLicencesAreOverDeployed() {
        CompliancePosition position = CompliancePosition.of(usage(12, 0, Map.of(LicenceMetric.PER_DEVICE, 10L)));
        assertThat(position.status()).isEqualTo(ComplianceStatus.OVER_DEPLOYED);
        assertThat(position.overDeployed()).isEqualTo(2);
        assertThat(position.unused()).isZero();
        assertThat(position.lines()).singleElement().satisfies(line -> {
            assertThat(line.entitled()).isEqualTo(10);
            assertThat(line.consumed()).isEqualTo(12);
            assertThat(line.unit()).isEqualTo("devices");
        });
    }

    @Test
    void licencesNotInstalledAreUnused() {
        CompliancePosition position = CompliancePosition.of(usage(7, 0, Map.of(LicenceMetric.PER_DEVICE, 10L)));
        assertThat(position.status()).isEqualTo(ComplianceStatus.COMPLIANT);
        assertThat(position.unused()).isEqualTo(3);
    }

    @Test
    void installedWithoutAnyValidLicenceIsUnlicensedUnlessFree() {
        CompliancePosition unlicensed = CompliancePosition.of(usage(4, 0, Map.of()));
        assertThat(unlicensed.status()).isEqualTo(ComplianceStatus.UNLICENSED);
        assertThat(unlicensed.unlicensedDevices()).isEqualTo(4);
        assertThat(unlicensed.overDeployed()).isEqualTo(4);
        ProductUsage free = new ProductUsage(false, 4, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0);
        assertThat(CompliancePosition.of(free).status()).isEqualTo(ComplianceStatus.NOT_REQUIRED);
        assertThat(CompliancePosition.of(free).overDeployed()).isZero();
    }

    @Test
    void peopleWithPerUserLicencesCoverTheirDevicesAndOthersNeedDeviceLicences() {
        ProductUsage usage = new ProductUsage(
                true, 10, 6, 0, 0, 64, 8, Map.of(LicenceMetric.PER_USER, 8L, LicenceMetric.PER_DEVICE, 3L), 0, 0, 0);
        CompliancePosition position = CompliancePosition.of(usage);
        assertThat(position.lines())
                .extracting(CompliancePosition.Line::metric, CompliancePosition.Line::consumed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LicenceMetric.PER_USER, 8L),
                        org.assertj.core.groups.Tuple.tuple(LicenceMetric.PER_DEVICE, 4L));
        assertThat(position.overDeployed())
                .as("4 devices without a user licence, 3 device licences")
                .isEqualTo(1);
    }

    @Test
    void perUserLicencesAloneLeaveOtherUsersDevicesUnlicensed() {
        ProductUsage usage = new ProductUsage(true, 10, 6, 0, 0, 64, 6, Map.of(LicenceMetric.PER_USER, 6L), 0, 0, 0);
        CompliancePosition position = CompliancePosition.of(usage);
        assertThat(position.unlicensedDevices()).isEqualTo(4);
        assertThat(position.status()).isEqualTo(ComplianceStatus.OVER_DEPLOYED);
    }

    @Test
    void perCoreLicencesCountTheCoresOfTheDevices() {
        ProductUsage usage = new ProductUsage(true, 2, 0, 0, 0, 48, 0, Map.of(LicenceMetric.PER_CORE, 32L), 0, 0, 0);
        CompliancePosition position = CompliancePosition.of(usage);
        assertThat(position.overDeployed()).isEqualTo(16);
        assertThat(position.lines().get(0).unit()).isEqualTo("cores");
    }

    @Test
    void aSiteLicenceCoversEverythingAndConcurrentUseIsNotMeasured() {
        CompliancePosition site =
                CompliancePosition.of(usage(5000, 0, Map.of(LicenceMetric.SITE, 1L, LicenceMetric.PER_DEVICE, 10L)));
        assertThat(site.status()).isEqualTo(ComplianceStatus.COMPLIANT);
        assertThat(site.overDeployed()).isZero();
        CompliancePosition concurrent = CompliancePosition.of(usage(40, 0, Map.of(LicenceMetric.CONCURRENT, 5L)));
        assertThat(concurrent.status()).isEqualTo(ComplianceStatus.COMPLIANT);
        assertThat(concurrent.lines().get(0).consumed()).isNull();
    }

    private static ProductUsage usage(int installed, int users, Map<LicenceMetric, Long> entitlements) {
        return new ProductUsage(true, installed, 0, 0, 0, installed * 16L, users, entitlements, 0, 0, 0);
    }
}

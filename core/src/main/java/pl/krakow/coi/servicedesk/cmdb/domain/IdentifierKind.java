package pl.krakow.coi.servicedesk.cmdb.domain;

/**
 * The identifiers of a device, in the order in which they decide a match. Strong identifiers name one
 * device for its whole life; weak ones (hostname, MAC address) move between devices.
 */
public enum IdentifierKind {
    AGENT_DEVICE_ID(true),
    HARDWARE_UUID(true),
    SERIAL_NUMBER(true),
    HOSTNAME(false),
    MAC_ADDRESS(false),
    INVENTORY_NUMBER(true);

    private final boolean strong;

    IdentifierKind(boolean strong) {
        this.strong = strong;
    }

    public boolean strong() {
        return strong;
    }
}

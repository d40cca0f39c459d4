package pl.krakow.coi.servicedesk.licence.domain;

/** What a licence counts. */
public enum LicenceMetric {
    /** One device per unit: consumed by the devices the product is installed on. */
    PER_DEVICE("devices", Assignee.DEVICE),
    /** One named person per unit: consumed by the people it is assigned to. */
    PER_USER("users", Assignee.PERSON),
    /** Simultaneous use: not measurable from installations; it covers the devices it is installed on. */
    CONCURRENT("seats", Assignee.NONE),
    /** Unlimited within the organisation. */
    SITE("devices", Assignee.NONE),
    /** Processor cores: consumed by the cores of the devices it is installed on (or assigned to). */
    PER_CORE("cores", Assignee.DEVICE);

    /** Who a licence of the metric may be assigned to. */
    public enum Assignee {
        DEVICE,
        PERSON,
        NONE
    }

    private final String unit;
    private final Assignee assignee;

    LicenceMetric(String unit, Assignee assignee) {
        this.unit = unit;
        this.assignee = assignee;
    }

    /** What the quantity counts: devices, users, seats or cores. */
    public String unit() {
        return unit;
    }

    public Assignee assignee() {
        return assignee;
    }

    /** Whether a licence of this metric has a quantity (all but SITE). */
    public boolean hasQuantity() {
        return this != SITE;
    }
}

package pl.krakow.coi.servicedesk.cmdb;

import java.util.Set;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;

/**
 * Published within the transaction when an item was created or changed; {@code changed} names the fields
 * (and {@code status}) that changed. The licence register listens: a retired item stops consuming licences.
 */
public record ConfigurationItemChanged(long id, CiStatus status, Set<String> changed) {}

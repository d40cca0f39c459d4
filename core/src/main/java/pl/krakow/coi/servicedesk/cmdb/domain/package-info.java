/**
 * The rules of the configuration database, free of frameworks: the asset lifecycle, what identifies a
 * device and when two records are the same device, class attribute schemas, relationship semantics.
 */
@NamedInterface("domain")
package pl.krakow.coi.servicedesk.cmdb.domain;

import org.springframework.modulith.NamedInterface;

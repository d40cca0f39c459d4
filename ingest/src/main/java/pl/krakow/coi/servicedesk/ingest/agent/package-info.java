/**
 * Inventory agents: the FusionInventory / OCS Inventory protocol (PROLOG, INVENTORY; zlib, gzip or plain
 * XML) and the GLPI agent's JSON inventory, upserting the device in the CMDB and its software (ADR 0053).
 */
package pl.krakow.coi.servicedesk.ingest.agent;

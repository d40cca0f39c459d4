/**
 * Demo data of the embedded run: accounts for every role and unit, a small CMDB and licence register, and
 * realistic Polish tickets, some of them about its configuration items.
 */
package pl.krakow.coi.servicedesk.app.demo;

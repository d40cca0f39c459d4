/** Demo data of the embedded run: accounts for every role and unit, and realistic Polish tickets. */
package pl.krakow.coi.servicedesk.app.demo;

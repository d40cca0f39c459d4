/** Exports: tickets with their KPI fields as a CSV stream, KPI workbooks (XLSX), and the monthly report by e-mail. */
package pl.krakow.coi.servicedesk.reporting.export;

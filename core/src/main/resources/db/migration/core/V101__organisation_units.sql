-- Units of the IT Service Centre (COI) per ordinance 1796/2025 §1.3-1.8, the management positions,
-- and the Mayor's Office units of ordinance 318/2026 as the first customer units.

INSERT INTO org_unit (code, name_pl, name_en, kind, parent_code, support_role, ordinance_ref) VALUES
('COI-DYR', 'Dyrektor Centrum Obsługi Informatycznej', 'Director of the IT Service Centre', 'MANAGEMENT', NULL, 'NONE', '§1.1, §1.4'),
('COI-Z1', 'I Zastępca Dyrektora Centrum', 'First Deputy Director', 'MANAGEMENT', 'COI-DYR', 'NONE', '§1.4.1, §1.5'),
('COI-Z2', 'II Zastępca Dyrektora Centrum', 'Second Deputy Director', 'MANAGEMENT', 'COI-DYR', 'NONE', '§1.4.2, §1.6'),
('COI-Z3', 'III Zastępca Dyrektora Centrum', 'Third Deputy Director', 'MANAGEMENT', 'COI-DYR', 'NONE', '§1.4.3, §1.7');

INSERT INTO org_unit (code, name_pl, name_en, kind, parent_code, support_role, ordinance_ref) VALUES
('IT-01-1', 'Referat ds. zarządzania projektami IT', 'IT Project Management', 'COI_UNIT', 'COI-DYR', 'NONE', '§2'),
('IT-01-2', 'Stanowiska menedżera portfela usług', 'Service Portfolio Manager', 'COI_UNIT', 'COI-DYR', 'NONE', '§3'),
('IT-01-3', 'Referat ds. analizy biznesowej i architektury aplikacji', 'Business Analysis and Application Architecture', 'COI_UNIT', 'COI-DYR', 'NONE', '§4'),
('IT-01-5', 'Referat ds. rozwiązań własnych', 'In-house Solutions', 'COI_UNIT', 'COI-DYR', 'NONE', '§5'),
('IT-01-6', 'Referat ds. Smart City i analizy danych', 'Smart City and Data Analysis', 'COI_UNIT', 'COI-DYR', 'NONE', '§6'),
('IT-02-1', 'Referat ds. cyberbezpieczeństwa Systemu Informatycznego UMK', 'Cybersecurity', 'COI_UNIT', 'COI-Z1', 'SECURITY', '§7'),
('IT-02-2', 'Referat ds. zarządzania awarią i zgłoszeniami', 'Incident and Request Management (Service Desk, first line)', 'COI_UNIT', 'COI-Z1', 'FIRST_LINE', '§8'),
('IT-02-3', 'Referat ds. standardów i zarządzania wiedzą IT', 'IT Standards and Knowledge Management', 'COI_UNIT', 'COI-Z1', 'NONE', '§9'),
('IT-03-1', 'Referat ds. finansów i kontrolingu', 'Finance and Controlling', 'COI_UNIT', 'COI-Z2', 'NONE', '§10'),
('IT-03-2', 'Referat ds. organizacyjno-prawnych', 'Organisation and Legal', 'COI_UNIT', 'COI-Z2', 'NONE', '§11'),
('IT-04-1', 'Referat ds. zarządzania infrastrukturą teleinformatyczną', 'ICT Infrastructure Management', 'COI_UNIT', 'COI-Z3', 'SECOND_LINE', '§12'),
('IT-04-2', 'Referat ds. wsparcia użytkowników', 'User Support', 'COI_UNIT', 'COI-Z3', 'SECOND_LINE', '§13'),
('IT-04-3', 'Referat ds. analiz i utrzymania zasobów stanowiskowych', 'Workstation Resources Analysis and Maintenance', 'COI_UNIT', 'COI-Z3', 'COMPETENCE', '§14'),
('IT-04-4', 'Referat ds. telekomunikacji i łączności', 'Telecommunications and Connectivity', 'COI_UNIT', 'COI-Z3', 'SECOND_LINE', '§15'),
('IT-04-5', 'Stanowiska ds. zakupów', 'Purchasing', 'COI_UNIT', 'COI-Z3', 'NONE', '§16'),
('IT-05', 'Oddział ds. zarządzania aplikacjami', 'Application Management Division', 'COI_UNIT', 'COI-Z1', 'NONE', '§17.1'),
('IT-06', 'Oddział usług cyfrowych', 'Digital Services', 'COI_UNIT', 'COI-DYR', 'NONE', '§18'),
('IT-07', 'Oddział ds. zamówień publicznych i umów IT', 'Public Procurement and IT Contracts', 'COI_UNIT', 'COI-Z2', 'NONE', '§19'),
-- IT-08 reports to the Director of the Kraków Brand Department, outside the Centre (§1.8).
('IT-08', 'Główny Miejski Strateg ds. Informatyzacji Gminy Miejskiej Kraków', 'Chief City Strategist for Informatization', 'COI_UNIT', NULL, 'NONE', '§1.8');

INSERT INTO org_unit (code, name_pl, name_en, kind, parent_code, support_role, ordinance_ref) VALUES
('IT-05-1', 'Stanowiska ds. zarządzania aplikacjami biznesowymi', 'Business Applications', 'COI_UNIT', 'IT-05', 'SECOND_LINE', '§17.2.1'),
('IT-05-2', 'Stanowiska ds. zarządzania portalami internetowymi', 'Internet Portals', 'COI_UNIT', 'IT-05', 'SECOND_LINE', '§17.2.2'),
('IT-05-3', 'Stanowiska ds. zarządzania aplikacjami oświatowymi', 'Education Applications', 'COI_UNIT', 'IT-05', 'SECOND_LINE', '§17.2.3'),
('IT-05-4', 'Stanowiska ds. zarządzania aplikacjami desktopowymi', 'Desktop Applications', 'COI_UNIT', 'IT-05', 'SECOND_LINE', '§17.2.4'),
('IT-07-1', 'Stanowiska ds. zamówień publicznych IT', 'IT Public Procurement', 'COI_UNIT', 'IT-07', 'NONE', '§19.2.1'),
('IT-07-2', 'Stanowiska ds. umów IT', 'IT Contracts', 'COI_UNIT', 'IT-07', 'NONE', '§19.2.2');

-- Customer units: the Mayor's Office (Kancelaria Prezydenta), ordinance 318/2026 §2.
INSERT INTO org_unit (code, name_pl, name_en, kind, parent_code, support_role, ordinance_ref) VALUES
('KP', 'Kancelaria Prezydenta', 'Mayor''s Office', 'CUSTOMER', NULL, 'NONE', 'Zarz. 318/2026'),
('KP-01', 'Biuro Współpracy Zagranicznej', 'International Cooperation Office', 'CUSTOMER', 'KP', 'NONE', 'Zarz. 318/2026 §2.1'),
('KP-02', 'Referat Koordynacji Spotkań Prezydenta', 'Mayor''s Meetings Coordination', 'CUSTOMER', 'KP', 'NONE', 'Zarz. 318/2026 §2.2'),
('KP-03', 'Biuro Współpracy Krajowej', 'Domestic Cooperation Office', 'CUSTOMER', 'KP', 'NONE', 'Zarz. 318/2026 §2.3'),
('KP-04', 'Referat Organizacyjny', 'Organisational Section', 'CUSTOMER', 'KP', 'NONE', 'Zarz. 318/2026 §2.4'),
('PO', 'Pełnomocnik Prezydenta Miasta Krakowa ds. Ochrony Informacji Niejawnych', 'Mayor''s Plenipotentiary for Classified Information', 'CUSTOMER', 'KP', 'NONE', 'Zarz. 318/2026 §2.5'),
('KP-05', 'Kancelaria Tajna', 'Classified Registry', 'CUSTOMER', 'PO', 'NONE', 'Zarz. 318/2026 §2.5');

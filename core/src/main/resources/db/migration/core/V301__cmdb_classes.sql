-- The built-in classes of configuration items and their attributes. A CMDB admin adds further classes
-- as data (POST /api/v1/ci-classes). Defaults follow ordinance 1796/2025: workstation assets are
-- supported and run through their lifecycle by IT-04-2 (§13); central infrastructure, databases and
-- virtualisation by IT-04-1 (§12); layer-2 network, access points and power backup at network nodes by
-- IT-04-4 (§15). Applications and business services name their supporting unit per item (IT-05-x).

INSERT INTO ci_class (code, name_pl, name_en, kind, default_supporting_unit, lifecycle_unit, builtin, attribute_schema) VALUES
('WORKSTATION', 'Komputer stacjonarny', 'Desktop workstation', 'HARDWARE', 'IT-04-2', 'IT-04-2', true, '[
  {"name": "cpuModel", "type": "STRING", "label": "Procesor", "maxLength": 200},
  {"name": "ramGb", "type": "INTEGER", "label": "Pamięć RAM (GB)", "min": 1, "max": 4096},
  {"name": "diskGb", "type": "INTEGER", "label": "Dysk (GB)", "min": 1},
  {"name": "operatingSystem", "type": "STRING", "label": "System operacyjny", "maxLength": 100},
  {"name": "osVersion", "type": "STRING", "label": "Wersja systemu", "maxLength": 50},
  {"name": "encrypted", "type": "BOOLEAN", "label": "Szyfrowanie dysku"},
  {"name": "ipAddress", "type": "IP_ADDRESS", "label": "Adres IP"}
]'),
('LAPTOP', 'Komputer przenośny', 'Laptop', 'HARDWARE', 'IT-04-2', 'IT-04-2', true, '[
  {"name": "cpuModel", "type": "STRING", "label": "Procesor", "maxLength": 200},
  {"name": "ramGb", "type": "INTEGER", "label": "Pamięć RAM (GB)", "min": 1, "max": 1024},
  {"name": "diskGb", "type": "INTEGER", "label": "Dysk (GB)", "min": 1},
  {"name": "screenInches", "type": "DECIMAL", "label": "Przekątna ekranu (cale)", "min": 10, "max": 20},
  {"name": "operatingSystem", "type": "STRING", "label": "System operacyjny", "maxLength": 100},
  {"name": "osVersion", "type": "STRING", "label": "Wersja systemu", "maxLength": 50},
  {"name": "encrypted", "type": "BOOLEAN", "label": "Szyfrowanie dysku"}
]'),
('MONITOR', 'Monitor', 'Monitor', 'HARDWARE', 'IT-04-2', 'IT-04-2', true, '[
  {"name": "screenInches", "type": "DECIMAL", "label": "Przekątna (cale)", "min": 10, "max": 100},
  {"name": "resolution", "type": "STRING", "label": "Rozdzielczość", "maxLength": 20},
  {"name": "connector", "type": "ENUM", "label": "Złącze", "values": ["HDMI", "DISPLAYPORT", "USB_C", "DVI", "VGA"]}
]'),
('PRINTER', 'Drukarka / urządzenie wielofunkcyjne', 'Printer / multifunction device', 'HARDWARE', 'IT-04-2', 'IT-04-2', true, '[
  {"name": "multifunction", "type": "BOOLEAN", "label": "Urządzenie wielofunkcyjne", "required": true},
  {"name": "colour", "type": "BOOLEAN", "label": "Druk w kolorze"},
  {"name": "printTechnology", "type": "ENUM", "label": "Technologia", "values": ["LASER", "INKJET", "THERMAL", "MATRIX"]},
  {"name": "ipAddress", "type": "IP_ADDRESS", "label": "Adres IP"},
  {"name": "printQueue", "type": "STRING", "label": "Kolejka wydruku", "maxLength": 100},
  {"name": "centralPrintSystem", "type": "BOOLEAN", "label": "W centralnym systemie wydruku (IT-04-1)"}
]'),
('SCANNER', 'Skaner', 'Scanner', 'HARDWARE', 'IT-04-2', 'IT-04-2', true, '[
  {"name": "scannerType", "type": "ENUM", "label": "Rodzaj", "values": ["FLATBED", "SHEETFED", "HIGH_VOLUME"]},
  {"name": "duplex", "type": "BOOLEAN", "label": "Skanowanie dwustronne"}
]'),
('CARD_READER', 'Czytnik kart', 'Card reader', 'HARDWARE', 'IT-04-2', 'IT-04-2', true, '[
  {"name": "readerType", "type": "ENUM", "label": "Rodzaj", "values": ["CONTACT", "CONTACTLESS", "DUAL"]},
  {"name": "interface", "type": "ENUM", "label": "Podłączenie", "values": ["USB", "BUILT_IN", "KEYBOARD"]}
]'),
('DESK_PHONE', 'Telefon stacjonarny VoIP', 'Desk VoIP phone', 'HARDWARE', 'IT-04-2', 'IT-04-2', true, '[
  {"name": "extension", "type": "STRING", "label": "Numer wewnętrzny", "maxLength": 10},
  {"name": "sipAccount", "type": "STRING", "label": "Konto SIP", "maxLength": 100},
  {"name": "ipAddress", "type": "IP_ADDRESS", "label": "Adres IP"}
]'),
('MOBILE_PHONE', 'Telefon komórkowy', 'Mobile phone', 'HARDWARE', 'IT-04-2', 'IT-04-2', true, '[
  {"name": "phoneNumber", "type": "STRING", "label": "Numer telefonu", "maxLength": 20},
  {"name": "imei", "type": "STRING", "label": "IMEI", "maxLength": 17},
  {"name": "operatingSystem", "type": "ENUM", "label": "System", "values": ["ANDROID", "IOS"]},
  {"name": "mdmEnrolled", "type": "BOOLEAN", "label": "Zarządzany przez MDM"}
]'),
('SERVER', 'Serwer fizyczny', 'Physical server', 'HARDWARE', 'IT-04-1', NULL, true, '[
  {"name": "role", "type": "STRING", "label": "Rola", "maxLength": 200},
  {"name": "cpuSockets", "type": "INTEGER", "label": "Liczba procesorów", "min": 1, "max": 16},
  {"name": "ramGb", "type": "INTEGER", "label": "Pamięć RAM (GB)", "min": 1},
  {"name": "operatingSystem", "type": "STRING", "label": "System operacyjny", "maxLength": 100},
  {"name": "rack", "type": "STRING", "label": "Szafa / pozycja", "maxLength": 50},
  {"name": "managementIp", "type": "IP_ADDRESS", "label": "Adres zarządzania (iLO/iDRAC)"},
  {"name": "virtualisationHost", "type": "BOOLEAN", "label": "Host wirtualizacji"}
]'),
('VIRTUAL_MACHINE', 'Maszyna wirtualna', 'Virtual machine', 'HARDWARE', 'IT-04-1', NULL, true, '[
  {"name": "ramGb", "type": "INTEGER", "label": "Pamięć RAM (GB)", "min": 1},
  {"name": "operatingSystem", "type": "STRING", "label": "System operacyjny", "maxLength": 100},
  {"name": "hypervisor", "type": "ENUM", "label": "Platforma", "values": ["VMWARE", "HYPER_V", "KVM", "PROXMOX"]},
  {"name": "environment", "type": "ENUM", "label": "Środowisko", "values": ["PRODUCTION", "TEST", "DEVELOPMENT"]},
  {"name": "ipAddress", "type": "IP_ADDRESS", "label": "Adres IP"}
]'),
('STORAGE', 'Macierz / zasób dyskowy', 'Storage', 'HARDWARE', 'IT-04-1', NULL, true, '[
  {"name": "storageType", "type": "ENUM", "label": "Rodzaj", "values": ["SAN", "NAS", "BACKUP_LIBRARY", "OBJECT"], "required": true},
  {"name": "capacityTb", "type": "DECIMAL", "label": "Pojemność (TB)", "min": 0},
  {"name": "replicated", "type": "BOOLEAN", "label": "Replikacja do drugiej serwerowni"},
  {"name": "managementIp", "type": "IP_ADDRESS", "label": "Adres zarządzania"}
]'),
('NETWORK_DEVICE', 'Urządzenie sieciowe', 'Network device (switch, router, access point)', 'HARDWARE', 'IT-04-4', NULL, true, '[
  {"name": "deviceType", "type": "ENUM", "label": "Rodzaj", "values": ["SWITCH", "ROUTER", "ACCESS_POINT", "FIREWALL"], "required": true},
  {"name": "layer", "type": "ENUM", "label": "Warstwa", "values": ["LAYER_2", "LAYER_3"]},
  {"name": "managementIp", "type": "IP_ADDRESS", "label": "Adres zarządzania"},
  {"name": "ports", "type": "INTEGER", "label": "Liczba portów", "min": 1, "max": 1024},
  {"name": "firmware", "type": "STRING", "label": "Oprogramowanie układowe", "maxLength": 100}
]'),
('UPS', 'Zasilacz awaryjny UPS', 'UPS', 'HARDWARE', 'IT-04-4', NULL, true, '[
  {"name": "capacityVa", "type": "INTEGER", "label": "Moc (VA)", "min": 100},
  {"name": "batteryReplacedOn", "type": "DATE", "label": "Wymiana baterii"},
  {"name": "networkNode", "type": "BOOLEAN", "label": "Węzeł sieciowy"}
]'),
('APPLICATION', 'Aplikacja', 'Application', 'SOFTWARE', NULL, NULL, true, '[
  {"name": "vendor", "type": "STRING", "label": "Dostawca", "maxLength": 200},
  {"name": "applicationType", "type": "ENUM", "label": "Rodzaj", "values": ["BUSINESS", "PORTAL", "EDUCATION", "DESKTOP", "INFRASTRUCTURE"]},
  {"name": "url", "type": "STRING", "label": "Adres", "maxLength": 500},
  {"name": "criticality", "type": "ENUM", "label": "Krytyczność", "values": ["LOW", "MEDIUM", "HIGH", "CRITICAL"]}
]'),
('DATABASE', 'Baza danych', 'Database', 'SOFTWARE', 'IT-04-1', NULL, true, '[
  {"name": "engine", "type": "ENUM", "label": "Silnik", "values": ["ORACLE", "POSTGRESQL", "MSSQL", "MYSQL", "OTHER"], "required": true},
  {"name": "engineVersion", "type": "STRING", "label": "Wersja silnika", "maxLength": 50},
  {"name": "sizeGb", "type": "INTEGER", "label": "Rozmiar (GB)", "min": 0}
]'),
('BUSINESS_SERVICE', 'Usługa biznesowa', 'Business service', 'SERVICE', NULL, NULL, true, '[
  {"name": "serviceOwner", "type": "STRING", "label": "Właściciel usługi", "maxLength": 200},
  {"name": "criticality", "type": "ENUM", "label": "Krytyczność", "values": ["LOW", "MEDIUM", "HIGH", "CRITICAL"]},
  {"name": "catalogueCategory", "type": "STRING", "label": "Kategoria katalogu usług", "maxLength": 40},
  {"name": "serviceHours", "type": "STRING", "label": "Godziny świadczenia", "maxLength": 100}
]');

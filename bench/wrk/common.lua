-- Shared by the benchmark's wrk scripts (ADR 0060): the bearer token from the environment (issued once by
-- POST /api/v1/auth/token), per-thread random seeds, and one machine-readable summary line for BenchmarkSuiteIT.
local common = {}

common.token = os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN is not set")
common.words = {
  "drukarka", "hasło", "konto", "VPN", "poczta", "Outlook", "skaner", "monitor", "internet", "sieć",
  "ePUAP", "podpis", "certyfikat", "laptop", "telefon", "aplikacja", "błąd", "logowanie", "zablokowane",
  "Wielicka", "serwer", "dysk", "uprawnienia", "faktura", "wydruk", "licencja", "Teams", "karta", "zasilanie"
}
common.titles = {
  {"Nie działa drukarka w sekretariacie", "Drukarka sieciowa w pokoju 214 nie drukuje, kolejka wydruku stoi od rana."},
  {"Zablokowane konto domenowe", "Po urlopie nie mogę się zalogować do komputera, konto jest zablokowane."},
  {"Brak dostępu do poczty", "Outlook nie łączy się z serwerem poczty, komunikat o błędzie certyfikatu."},
  {"VPN nie łączy się z domu", "Klient VPN zgłasza przekroczenie czasu połączenia, praca zdalna niemożliwa."},
  {"Prośba o uprawnienia do udziału", "Proszę o dostęp do udziału sieciowego wydziału podatków dla nowej pracownicy."},
  {"Monitor nie włącza się", "Monitor przy stanowisku obsługi klienta nie reaguje na przycisk zasilania."},
  {"Skaner nie zapisuje plików", "Skaner w kancelarii nie zapisuje skanów do folderu sieciowego."},
  {"Błąd podpisu elektronicznego w ePUAP", "Przy podpisywaniu pisma w ePUAP pojawia się błąd certyfikatu."},
  {"Wolno działa komputer", "Komputer uruchamia się kilka minut, aplikacja dziedzinowa zawiesza się."},
  {"Nowy pracownik – stanowisko", "Proszę o przygotowanie stanowiska i konta dla nowego pracownika od poniedziałku."}
}

local threads = {}
local counter = 0

function common.setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
  table.insert(threads, thread)
end

function common.seed()
  math.randomseed(os.time() * 1000 + (thread_id or 0))
end

function common.headers(extra)
  local h = {["Authorization"] = "Bearer " .. common.token, ["Accept"] = "application/json"}
  for k, v in pairs(extra or {}) do h[k] = v end
  return h
end

function common.urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- A random search word, percent-encoded for a query string.
function common.word()
  return common.urlencode(common.words[math.random(#common.words)])
end

-- A first-line agent's search: a word or two, sometimes with a filter or a sort; extra is appended as is
-- (search.lua: nothing, all the facets; quick-search.lua: "&facets=none").
local search_extras = {"", "", "&open=true", "&sort=created", "&priority=P2", "&status=RESOLVED"}

function common.search_request(extra)
  local q = common.word()
  if math.random(3) == 1 then
    q = q .. "%20" .. common.word()
  end
  local path = "/api/v1/search/tickets?q=" .. q .. "&size=20" .. search_extras[math.random(#search_extras)] .. extra
  return wrk.format("GET", path, common.headers())
end

function common.json_string(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

-- One line: BENCH requests=… duration_us=… p50_us=… p95_us=… p99_us=… max_us=… non2xx=… socket_errors=… [name=count…]
function common.done(summary, latency, requests, counters)
  local extra = ""
  for _, name in ipairs(counters or {}) do
    local total = 0
    for _, t in ipairs(threads) do total = total + (t:get(name) or 0) end
    extra = extra .. string.format(" %s=%d", name, total)
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d%s\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, e.status, e.connect + e.read + e.write + e.timeout, extra))
end

return common

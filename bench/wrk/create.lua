-- Ticket creation at fixed concurrency: requesters file tickets for themselves (POST /api/v1/tickets).
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local n = 0

function setup(thread) common.setup(thread) end
function init(args) common.seed() end

function request()
  n = n + 1
  local t = common.titles[math.random(#common.titles)]
  -- A requester files through the portal; other channels are recorded by the first line (ADR 0005).
  local body = string.format('{"title":%s,"description":%s,"channel":"PORTAL"}',
    common.json_string(t[1]),
    common.json_string(string.format("%s Zgłoszenie %d/%d z testu obciążenia.", t[2], thread_id or 0, n)))
  return wrk.format("POST", "/api/v1/tickets", common.headers({["Content-Type"] = "application/json"}), body)
end

function done(summary, latency, requests) common.done(summary, latency, requests) end

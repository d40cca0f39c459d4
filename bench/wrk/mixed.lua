-- A first-line agents' working mix: queue views (35 %), opening a ticket (20 %), updates with If-Match
-- (15 %), comments (15 %), searches (15 %). Ticket ids come from the queue views; ETags from opened tickets.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local pool = {}
local etags = {}
local urgencies = {"LOW", "MEDIUM", "HIGH"}
queue, opened, updates, comments, searches, conflicts, failures = 0, 0, 0, 0, 0, 0, 0

function setup(thread) common.setup(thread) end
function init(args) common.seed() end

local function queue_view()
  queue = queue + 1
  return wrk.format("GET", "/api/v1/tickets?unit=IT-02-2&open=true&sort=priority&size=25&page=" .. math.random(0, 3),
    common.headers())
end

function request()
  local r = math.random(100)
  if #pool == 0 or r <= 35 then
    return queue_view()
  elseif r <= 55 then
    opened = opened + 1
    return wrk.format("GET", "/api/v1/tickets/" .. pool[math.random(#pool)], common.headers())
  elseif r <= 70 then
    if #etags == 0 then return queue_view() end
    local e = table.remove(etags, 1)
    updates = updates + 1
    return wrk.format("PATCH", "/api/v1/tickets/" .. e[1],
      common.headers({["Content-Type"] = "application/json", ["If-Match"] = e[2]}),
      '{"urgency":"' .. urgencies[math.random(#urgencies)] .. '"}')
  elseif r <= 85 then
    comments = comments + 1
    return wrk.format("POST", "/api/v1/tickets/" .. pool[math.random(#pool)] .. "/comments",
      common.headers({["Content-Type"] = "application/json"}),
      '{"body":"Sprawdzam zgłoszenie, proszę o cierpliwość.","internal":' .. (math.random(2) == 1 and "true" or "false") .. '}')
  else
    searches = searches + 1
    return wrk.format("GET", "/api/v1/search/tickets?q=" .. common.word() .. "&size=20",
      common.headers())
  end
end

function response(status, headers, body)
  if status == 409 or status == 412 then
    conflicts = conflicts + 1 -- two connections updated the same ticket, or its state no longer allows it
  elseif status >= 300 then
    failures = failures + 1
  end
  if status ~= 200 or body == nil then return end
  if body:find('"total":', 1, true) and body:find('"page":', 1, true) then
    for id in body:gmatch('"id":(%d+)') do
      if #pool >= 500 then table.remove(pool, 1) end
      table.insert(pool, id)
    end
  elseif headers["ETag"] and body:find('"allowedActions"', 1, true) then
    local id = body:match('"id":(%d+)')
    if id and #etags < 50 then table.insert(etags, {id, headers["ETag"]}) end
  end
end

function done(summary, latency, requests)
  common.done(summary, latency, requests, {"queue", "opened", "updates", "comments", "searches", "conflicts", "failures"})
end

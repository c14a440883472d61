-- One benchmark scenario for wrk, set up by environment variables (bench/Coffer.Bench sets them):
--   BENCH_METHOD     GET or POST                  BENCH_PATH    the request path
--   BENCH_BODY_FILE  the request body, if any     BENCH_TYPE    its content type
--   BENCH_BEARER     the Authorization bearer     BENCH_RANDOM  "bearer": a fresh random UUID as the bearer
--                                                               "path": a fresh random UUID for {uuid} in the path
-- done() prints one line, BENCH {json}, with the counts and the latency percentiles in microseconds.
local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/"
local random = os.getenv("BENCH_RANDOM")
local body = nil
local body_file = os.getenv("BENCH_BODY_FILE")
if body_file then
  local file = assert(io.open(body_file, "rb"))
  body = file:read("*a")
  file:close()
end

local headers = {}
if body then headers["Content-Type"] = os.getenv("BENCH_TYPE") or "application/json" end
if os.getenv("BENCH_BEARER") then headers["Authorization"] = "Bearer " .. os.getenv("BENCH_BEARER") end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local function uuid()
  local parts = {}
  for i = 1, 8 do parts[i] = string.format("%04x", math.random(0, 65535)) end
  return parts[1] .. parts[2] .. "-" .. parts[3] .. "-4" .. string.sub(parts[4], 2) .. "-a" .. string.sub(parts[5], 2) .. "-" .. parts[6] .. parts[7] .. parts[8]
end

-- wrk has put the Host header in wrk.headers by now: add ours to it rather than replace it.
function init(args)
  math.randomseed(os.time() * 100 + (thread_number or 0))
  wrk.method, wrk.path, wrk.body = method, path, body
  for name, value in pairs(headers) do wrk.headers[name] = value end
end

if random then
  function request()
    if random == "bearer" then
      wrk.headers["Authorization"] = "Bearer " .. uuid()
      return wrk.format()
    end
    return wrk.format(nil, (string.gsub(path, "{uuid}", uuid())))
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"status_errors":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration, math.floor(latency:percentile(50)), math.floor(latency:percentile(90)),
    math.floor(latency:percentile(99)), latency.max, e.status, e.connect + e.read + e.write + e.timeout))
end

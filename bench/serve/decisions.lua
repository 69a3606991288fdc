-- wrk script: POST /v1/decisions with one request body read from a file (default: worked-example.json here).
-- Usage: wrk -t2 -c32 -d60s --latency -s bench/serve/decisions.lua http://127.0.0.1:8181/v1/decisions
local path = os.getenv("GATEHOUSE_BODY") or "bench/serve/worked-example.json"
local f = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
if os.getenv("GATEHOUSE_TOKEN") then
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("GATEHOUSE_TOKEN")
end

-- Every response must be a 200 with a decision; anything else is counted and reported.
local bad = 0
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("decisions/s=%.0f p50=%.2fms p99=%.2fms errors=%d non200=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end

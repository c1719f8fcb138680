// The token bucket of store/rate-limits.ts as a Lua function, for the scripts that take from
// buckets: the rate limiter's own (rate-limits.ts) and a turn's script call (batch.ts).

// One bucket: refill, take `cost` if there is enough, write back; {allowed 0/1, retryAfterMs}.
// A bucket left alone expires once it would be full again, so idle keys cost nothing.
export const BUCKET = `
local function take(key, burst, per_ms, cost, now)
  local state = redis.call("HMGET", key, "tokens", "at")
  local tokens = tonumber(state[1])
  local at = tonumber(state[2])
  if tokens == nil then
    tokens = burst
  else
    tokens = math.min(burst, tokens + math.max(0, now - at) * per_ms)
  end
  local allowed = 0
  local retry = 0
  if tokens >= cost then
    tokens = tokens - cost
    allowed = 1
  else
    retry = math.ceil((cost - tokens) / per_ms)
  end
  redis.call("HSET", key, "tokens", tostring(tokens), "at", tostring(now))
  redis.call("PEXPIRE", key, math.ceil((burst - tokens) / per_ms) + 1000)
  return {allowed, retry}
end
`;

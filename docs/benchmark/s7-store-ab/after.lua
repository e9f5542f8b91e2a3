if KEYS[5] ~= '' and redis.call('EXISTS', KEYS[5]) == 0 then return {'NOUSER'} end
local bucket
if KEYS[3] ~= '' then
  bucket = math.floor(tonumber(redis.call('TIME')[1]) / ARGV[6])
  local prior = redis.call('HGET', KEYS[3] .. ':' .. bucket, ARGV[5])
    or redis.call('HGET', KEYS[3] .. ':' .. (bucket - 1), ARGV[5])
  if prior then return {'DUP', prior} end
end
local n = redis.call('INCR', KEYS[2])
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
  'u', ARGV[2], 'c', ARGV[3], 't', ARGV[4], 'n', n, 'ci', ARGV[5], 'k', ARGV[12])
if KEYS[3] ~= '' then
  local current = KEYS[3] .. ':' .. bucket
  if redis.call('HSET', current, ARGV[5], ARGV[11] .. ' ' .. id) == 1 and redis.call('HLEN', current) == 1 then
    redis.call('EXPIRE', current, 2 * ARGV[6] + 60)
  end
end
redis.call('HSET', KEYS[4], ARGV[11], id .. ' ' .. n)
if KEYS[6] ~= '' and n == 1 then
  redis.call('SADD', KEYS[6], ARGV[13])
  redis.call('SADD', KEYS[7], ARGV[2])
end
redis.call('PUBLISH', ARGV[7], ARGV[8] .. '\n' .. ARGV[9] .. id .. ARGV[10])
return {'OK', id}

if KEYS[5] ~= '' and redis.call('EXISTS', KEYS[5]) == 0 then return {'NOUSER'} end
if KEYS[3] ~= '' then
  local prior = redis.call('GET', KEYS[3])
  if prior then return {'DUP', prior} end
end
local n = redis.call('INCR', KEYS[2])
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
  'u', ARGV[2], 'c', ARGV[3], 't', ARGV[4], 'n', n, 'ci', ARGV[5], 'k', ARGV[12])
if KEYS[3] ~= '' then redis.call('SET', KEYS[3], ARGV[11] .. ' ' .. id, 'EX', ARGV[6]) end
redis.call('HSET', KEYS[4], ARGV[11], id .. ' ' .. n)
if KEYS[6] ~= '' then
  redis.call('SADD', KEYS[6], ARGV[13])
  redis.call('SADD', KEYS[7], ARGV[2])
end
redis.call('PUBLISH', ARGV[7], ARGV[8] .. '\n' .. ARGV[9] .. id .. ARGV[10])
return {'OK', id}

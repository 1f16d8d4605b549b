-- PATCH /shared-link/:id as the owner, rotating over the links in BENCH_LINK_IDS (one id:
-- always the same link). Each request sets a new description, so each is a real change.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local ids = bench_list("BENCH_LINK_IDS")
local prefix = os.getenv("BENCH_PREFIX") or "/api"
local headers = {
   ["x-api-key"] = os.getenv("BENCH_API_KEY"),
   ["content-type"] = "application/json",
}
local threads = 0
local sent = 0

-- Each wrk thread starts at another place in the rotation.
function setup(thread)
   thread:set("offset", threads * 97)
   threads = threads + 1
end

function request()
   sent = sent + 1
   local id = ids[((offset or 0) + sent) % #ids + 1]
   local body = '{"description":"bench ' .. (offset or 0) .. '-' .. sent .. '"}'
   return wrk.format("PATCH", prefix .. "/shared-link/" .. id, headers, body)
end

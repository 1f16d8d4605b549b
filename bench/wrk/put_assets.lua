-- PUT /shared-link/:id/assets as the owner, alternating between the assets in
-- BENCH_ASSET_IDS, which the link already holds: every request is the same idempotent no-op
-- for the data, and each answers one per-asset result.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local assets = bench_list("BENCH_ASSET_IDS")
local path = (os.getenv("BENCH_PREFIX") or "/api") .. "/shared-link/" ..
   os.getenv("BENCH_LINK_ID") .. "/assets"
local headers = {
   ["x-api-key"] = os.getenv("BENCH_API_KEY"),
   ["content-type"] = "application/json",
}
local sent = 0

function request()
   sent = sent + 1
   local body = '{"assetIds":["' .. assets[sent % #assets + 1] .. '"]}'
   return wrk.format("PUT", path, headers, body)
end

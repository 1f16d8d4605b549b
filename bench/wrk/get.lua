-- A GET of the URL wrk is given; with BENCH_API_KEY set, as the owner (x-api-key header),
-- otherwise as whoever the URL says (a guest's ?key=).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local key = os.getenv("BENCH_API_KEY")
if key and key ~= "" then
   wrk.headers["x-api-key"] = key
end

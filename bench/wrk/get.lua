-- A GET of the URL wrk is given; with BENCH_API_KEY set, as the owner (x-api-key header),
-- otherwise as whoever the URL says (a guest's ?key=). BENCH_ACCEPT_ENCODING, when set, is
-- sent as Accept-Encoding, as browsers and the Immich apps send it.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local key = os.getenv("BENCH_API_KEY")
if key and key ~= "" then
   wrk.headers["x-api-key"] = key
end

local encodings = os.getenv("BENCH_ACCEPT_ENCODING")
if encodings and encodings ~= "" then
   wrk.headers["accept-encoding"] = encodings
end

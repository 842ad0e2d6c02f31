-- GET /api/v1/tickets/{number} for random numbers among the first N of YEAR.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local year = os.getenv("YEAR")
local n = tonumber(os.getenv("N"))
math.randomseed(42)
request = function()
  return wrk.format("GET", string.format("/api/v1/tickets/%s-%06d", year, math.random(1, n)))
end

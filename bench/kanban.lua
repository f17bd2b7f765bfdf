-- wrk script for the kanban's data: GET /api/v1/opportunities/board with a bearer token and a query.
--
--   wrk -t2 -c16 -d25s --latency -s bench/kanban.lua http://127.0.0.1:5199 -- TOKEN [QUERY]
--
-- QUERY defaults to perColumn=25 (7 columns × 25 cards with each column's count and sum).

local token, query = nil, "perColumn=25"

function init(args)
  token = args[1]
  if args[2] ~= nil and args[2] ~= "" then query = args[2] end
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Accept"] = "application/json"
end

function request()
  return wrk.format("GET", "/api/v1/opportunities/board?" .. query)
end

-- wrk counts non-2xx answers itself ("Non-2xx or 3xx responses"); the shell script fails the run on any.

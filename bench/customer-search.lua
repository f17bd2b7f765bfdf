-- wrk script for GET /api/v1/customers: rotates through a file of URL-encoded search terms
-- (one a line), or lists without a search when no file is given.
--
--   wrk -t2 -c16 -d25s --latency -s bench/customer-search.lua http://127.0.0.1:5199 -- TOKEN [TERMS_FILE] [PAGE_SIZE]
--
-- Each thread starts at its own place in the list so that the connections do not all ask the same thing.

local token, terms, pageSize = nil, {}, "20"
local counter = 0

function init(args)
  token = args[1]
  if args[3] ~= nil and args[3] ~= "" then pageSize = args[3] end
  local file = args[2]
  if file ~= nil and file ~= "" then
    for line in io.lines(file) do
      if line ~= "" then terms[#terms + 1] = line end
    end
    if #terms == 0 then error("no terms in " .. file) end
    counter = (id or 0) * math.floor(#terms / 2)
  end
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Accept"] = "application/json"
end

function setup(thread)
  thread:set("id", (setup_count or 0))
  setup_count = (setup_count or 0) + 1
end

function request()
  local path
  if #terms > 0 then
    counter = counter + 1
    path = "/api/v1/customers?search=" .. terms[(counter % #terms) + 1] .. "&page=1&pageSize=" .. pageSize
  else
    path = "/api/v1/customers?page=1&pageSize=" .. pageSize
  end
  return wrk.format("GET", path)
end

-- wrk counts non-2xx answers itself ("Non-2xx or 3xx responses"); the shell script fails the run on any.

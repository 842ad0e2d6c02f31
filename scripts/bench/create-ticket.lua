-- POST /api/v1/tickets with a realistic small request; TOKEN and CONTACT come from the environment.
-- Every request's description carries the thread and a counter: one contact sending the same
-- request again within the duplicate window has it added to the open ticket (R-14), and the
-- benchmark measures opening new tickets.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

local contact = os.getenv("CONTACT")
local started = 0

-- Runs in the main state once per thread: gives each thread its own number.
function setup(thread)
  started = started + 1
  thread:set("thread_id", started)
end

local sent = 0

function request()
  sent = sent + 1
  local body = string.format(
    '{"subject":"Centrálna jednotka nereaguje","description":"Od rána nejde ovládanie svetiel ani žalúzií, prosím o pomoc. (%d-%d)","requester_id":%s,"channel":"email"}',
    thread_id or 0, sent, contact)
  return wrk.format(nil, nil, nil, body)
end

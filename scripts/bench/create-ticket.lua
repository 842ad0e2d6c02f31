-- POST /api/v1/tickets with a realistic small request; TOKEN and CONTACT come from the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"subject":"Centrálna jednotka nereaguje","description":"Od rána nejde ovládanie svetiel ani žalúzií, prosím o pomoc.","requester_id":' .. os.getenv("CONTACT") .. ',"channel":"email"}'

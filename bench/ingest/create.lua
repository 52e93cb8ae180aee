-- wrk script: CreateJobagent with a unique x-requestId per request (prefix per run and thread,
-- then a counter), counting 202 answers separately from everything else.
local threads = {}
local body = [[{"ClientCategoryTypeIdentifier":"DAGPENGE","EnrollmentDate":"2026-11-27","CurrentUnemploymentStatusTypeIdentifier":"FULDT_LEDIG","EmailAddressIdentifier":"borger@example.dk","Profession":[{"ConceptUriDa":"http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1","HasEducation":true,"jobTargetIdentifier":"6f1c2b8e-3d4a-4e5f-9a7b-1c2d3e4f5a6b"}]}]]

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  prefix = (args[1] or "run") .. "-" .. tid .. "-"
  counter = 0
  accepted = 0
  other = 0
  token = os.getenv("BENCH_TOKEN")
  cpr = os.getenv("BENCH_CPR") or "2811851234"
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/v1/Jobagent", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["x-civilRegistrationIdentifier"] = cpr,
    ["x-requestId"] = prefix .. counter,
  }, body)
end

function response(status, headers, body)
  if status == 202 then
    accepted = accepted + 1
  else
    other = other + 1
    if other <= 3 then
      io.stderr:write("non-202: " .. status .. " " .. (body or "") .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local a, o = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    o = o + t:get("other")
  end
  io.write(string.format("ACCEPTED %d\nOTHER %d\nDURATION_US %d\n", a, o, summary.duration))
  io.write(string.format("P50_US %d\nP90_US %d\nP99_US %d\nMAX_US %d\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end

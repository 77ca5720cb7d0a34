// The module Outreach: from scores and the customer file to the call list (see the other files).

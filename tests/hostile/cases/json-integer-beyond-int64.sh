what="a JSON integer between 2^63 and 2^64 (JSON readers keep it unsigned; td's integers are signed)"
where=".todos/export/issues/td-a0000f.json:3: the integer 9223372036854775808 is beyond td's 64-bit integers"
plant() { printf '{\n  "id": "td-a0000f",\n  "points": 9223372036854775808\n}\n' >"$tree/issues/td-a0000f.json"; }

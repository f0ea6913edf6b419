# sources of sim/params

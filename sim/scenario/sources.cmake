# sources of sim/scenario

# sources of sim/engine

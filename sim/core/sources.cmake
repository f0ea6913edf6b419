# sources of sim/core

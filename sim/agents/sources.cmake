# sources of sim/agents

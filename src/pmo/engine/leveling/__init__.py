"""Resource leveling: the RCPSP instance of a plan, its search (serial SGS and a genetic algorithm), overloads."""

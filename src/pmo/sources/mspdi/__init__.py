"""MS Project: MSPDI XML and .mpp files (through MPXJ)."""

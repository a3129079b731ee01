//! Memory (DESIGN §8): `MEMORY.md` and daily logs `memory/YYYY-MM-DD.md`; grep and appends.

// The PostgreSQL ledger (issue 20) lands here in pieces; this file keeps the target building meanwhile.
import PostgresNIO

//! Every integration test of the intake service in one binary: the service over real HTTP
//! against a real SQLite file (`common` starts it on a loopback port with its own file).

mod attacks;
mod common;
mod follow_up;
mod intake;
mod privacy;
mod programme;
mod rapid;
mod roles;
mod root_page;
mod staff;
mod workspace;

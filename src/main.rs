//! The `respub` command.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match respub::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                respub::cli::EXIT_USAGE
            } else {
                respub::cli::EXIT_OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    ExitCode::from(respub::cli::run(cli))
}

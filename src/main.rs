fn main() -> std::process::ExitCode {
    openclaw::cli::main()
}

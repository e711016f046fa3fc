//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Capability checks for SaaS user management: evaluate rules over a dataset of apps.
///
/// Exit codes: 0 = nothing at or above the `--fail-on` threshold, 1 = findings at or above it,
/// 2 = usage or input error (bad data file, rule that does not compile or fails).
#[derive(Debug, Parser)]
#[command(name = "capcheck", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate rules over apps and report findings.
    Check(CheckArgs),
    /// List apps with their key capabilities.
    Apps(AppsArgs),
    /// Show one app's record, with sources, and its findings.
    Show(ShowArgs),
    /// Check data files and rules, reporting every problem at once.
    Validate(ValidateArgs),
    /// Rules that never fire, apps no rule can say anything about, and fields no rule reads.
    Coverage(CoverageArgs),
    /// Print the JSON Schema of data files.
    Schema,
    /// Write a deterministic synthetic dataset (for benchmarks and trials at scale).
    Generate(GenerateArgs),
    /// Read vendor guide pages and write one data file per app (the related apps too).
    Import(ImportArgs),
    /// Run the examples rules carry (`fn examples()`) and report pass and fail.
    Test(TestArgs),
    /// Say why a rule flags an app, or does not: each condition's value and the fields read.
    Explain(ExplainArgs),
    /// List the findings a rule change adds, removes and changes over the dataset.
    Diff(DiffArgs),
    /// Serve the built browser app (`scripts/build-web.sh` writes it to `dist/`) on this machine.
    Serve(ServeArgs),
    /// Offboarding plan for a company's apps: read its inventory, match each app to a record,
    /// and say how a leaver's account in each is removed, by whom, and what to keep.
    Plan(PlanArgs),
    /// Print a completion script for SHELL (bash, zsh, fish, elvish, powershell) to standard
    /// output.
    ///
    /// Save it where the shell looks for completions, for example
    /// `capcheck completions bash > ~/.local/share/bash-completion/completions/capcheck` or
    /// `capcheck completions zsh > ~/.zfunc/_capcheck`.
    Completions(CompletionsArgs),
}

/// `capcheck completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// `capcheck plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub stack: StackArgs,
    /// The leaver's name: the plan speaks of them by name.
    #[arg(long, value_name = "NAME")]
    pub leaver: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: PlanFormat,
    /// Write the plan to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// A company's app inventory and the matches pinned for it.
#[derive(Debug, Args, Clone, Default)]
pub struct StackArgs {
    /// The company's app inventory: a CSV with a name column, Okta's `GET /api/v1/apps` JSON, or
    /// Microsoft Entra's enterprise-applications CSV export (detected from the content).
    #[arg(long, value_name = "FILE", required = true)]
    pub inventory: Option<PathBuf>,
    /// A TOML file pinning matches: `[match]` then `"App name" = "record-id"` (or `= false` for
    /// no record).
    #[arg(long, value_name = "FILE", requires = "inventory")]
    pub overrides: Option<PathBuf>,
}

/// Output formats for `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// Markdown, for a ticket or a wiki.
    Markdown,
    /// One row per app.
    Csv,
    /// The versioned JSON plan.
    Json,
    /// One HTML page with charts.
    Html,
}

/// `capcheck serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The folder holding the built app.
    #[arg(long, default_value = "dist")]
    pub dir: PathBuf,
    /// The address to listen on; only loopback addresses are sensible for a local tool.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// The port (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
}

/// Where data and rules come from, and what rules see.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Data files or folders (`.toml`, `.json`); the built-in dataset when absent.
    #[arg(long, value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Rule files or folders (`.rhai`); the built-in rules when absent.
    #[arg(long, value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// The date rules evaluate as of (`today`), YYYY-MM-DD. Default: today's UTC date.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// A setting rules read as `settings.KEY` (repeatable), e.g. `--set stale_after_days=180`.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub settings: Vec<String>,
}

/// Output formats for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// The versioned JSON report.
    Json,
    /// One row per finding.
    Csv,
    /// A Markdown table, for pull-request comments.
    Markdown,
}

/// Output formats for `check`: the report formats and the CI ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Aligned columns for people.
    Table,
    /// The versioned JSON report.
    Json,
    /// One row per finding.
    Csv,
    /// A Markdown table, for pull-request comments.
    Markdown,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// JUnit XML, for CI test reports.
    Junit,
    /// GitHub Actions workflow commands (annotations on the data files).
    Github,
}

/// `capcheck coverage`.
#[derive(Debug, Args)]
pub struct CoverageArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: CoverageFormat,
}

/// Output formats for `coverage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CoverageFormat {
    /// Lists for people.
    Table,
    /// JSON for tools.
    Json,
}

/// Findings accepted for now: waivers and a baseline.
#[derive(Debug, Args, Clone, Default)]
pub struct AcceptArgs {
    /// A waivers file (`[[waiver]]` tables: app, rule, reason, owner, expires): the findings it
    /// covers are reported apart and do not count for `--fail-on`; an expired waiver is an error.
    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,
    /// A baseline file: the findings it lists are reported apart and do not count for
    /// `--fail-on`, so only new findings fail the check.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

/// `capcheck validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Also check these files: every problem in them is reported with the rest.
    #[command(flatten)]
    pub accept: AcceptArgs,
}

/// `capcheck check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Only these apps (repeatable).
    #[arg(long, value_name = "ID")]
    pub app: Vec<String>,
    /// Only these rules (repeatable).
    #[arg(long, value_name = "ID")]
    pub rule: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: CheckFormat,
    /// Exit 1 when a finding is at or above this severity: info, low, medium, high, critical,
    /// or `never`.
    #[arg(long, value_name = "SEVERITY", default_value = "high")]
    pub fail_on: String,
    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub accept: AcceptArgs,
    /// Write the findings that count (new and baselined) to FILE as a baseline. Replaces an
    /// existing baseline file; any other existing file needs `--force`.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Let `--write-baseline` replace a file that is not a capcheck baseline.
    #[arg(long)]
    pub force: bool,
    /// Check only the apps of this inventory (see `capcheck plan`); the summary adds the stack's
    /// numbers, and apps without a record count as unknown.
    #[arg(long, value_name = "FILE")]
    pub inventory: Option<PathBuf>,
    /// Pinned matches for `--inventory`.
    #[arg(long, value_name = "FILE", requires = "inventory")]
    pub overrides: Option<PathBuf>,
}

/// `capcheck apps`.
#[derive(Debug, Args)]
pub struct AppsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Only apps whose id or name contains TEXT (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only apps where a field has a value (repeatable), e.g. `--where scim.available=no` or
    /// `--where sso.idps=okta` (lists match any member).
    #[arg(long = "where", value_name = "FIELD=VALUE")]
    pub filters: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// `capcheck show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The app's id.
    pub app: String,
    #[command(flatten)]
    pub input: InputArgs,
    /// `text` for people, `json` for the record and its findings.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
}

/// Output formats for `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// For people.
    Text,
    /// The record and its findings as JSON.
    Json,
}

/// `capcheck generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many apps.
    #[arg(long, default_value_t = 1000)]
    pub apps: usize,
    /// The seed: the same seed gives the same dataset.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The JSON file to write (refused if it exists, unless `--force`).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: PathBuf,
    /// Overwrite FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

/// `capcheck import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Guide pages (plain text or markdown), as saved from the vendor's site.
    #[arg(required_unless_present = "catalogue", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// A release of the SCIM Tax Index (CSV or JSON): written to `<data-dir>/catalogues/`,
    /// reporting what changed against the release there. Guide-page records are not touched.
    #[arg(long, value_name = "FILE", conflicts_with = "files")]
    pub catalogue: Option<PathBuf>,
    /// The catalogue's format; detected from its content when absent.
    #[arg(long, value_name = "FORMAT", value_parser = ["csv", "json"], requires = "catalogue")]
    pub format: Option<String>,
    /// The dataset folder the data files go to, as `<id>.toml`.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// Print the records instead of writing files.
    #[arg(long)]
    pub stdout: bool,
    /// Overwrite data files that exist and differ (facts marked `curated` are kept).
    #[arg(long)]
    pub force: bool,
    /// The app's name, for a page that does not name it (no title or logo line); without it
    /// such a page is named after its file.
    #[arg(long, value_name = "APP")]
    pub name: Option<String>,
}

/// `capcheck test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Rule files or folders (`.rhai`); the built-in rules when absent.
    #[arg(long, value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// The date examples run as of, unless an example sets `today`. Default: today's UTC date.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// `text` for people, `json` for every result.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
}

/// `capcheck explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's id.
    pub rule: String,
    /// The app's id.
    pub app: String,
    #[command(flatten)]
    pub input: InputArgs,
    /// `text` for people, `json` for the explanation as data.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
}

/// `capcheck diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The rule files or folders to compare against (the old rule set).
    #[arg(
        long,
        value_name = "PATH",
        required_unless_present = "base_rev",
        conflicts_with = "base_rev"
    )]
    pub base: Vec<PathBuf>,
    /// A git revision whose rule folder is the old rule set, e.g. `HEAD` or `main`.
    #[arg(long, value_name = "REV")]
    pub base_rev: Option<String>,
    /// The new rule set is `--rules` (default: the built-in rules; with `--base-rev`, the
    /// working tree's `rules/` folder); `--data`, `--today` and `--set` as for `check`.
    #[command(flatten)]
    pub input: InputArgs,
    /// `text` for people, `json` for the lists as data.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
    /// Exit 1 when an added or changed finding is at or above this severity (default: never).
    #[arg(long, value_name = "SEVERITY", default_value = "never")]
    pub fail_on_new: String,
}

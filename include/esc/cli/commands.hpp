#pragma once
#include <functional>

#include <CLI/CLI.hpp>

#include "esc/cli/context.hpp"

namespace esc {

/// What a subcommand runs once the command line is parsed; returns the exit status.
using CommandAction = std::function<int()>;

/// Each registers one subcommand on `app`; when it is chosen, its action is
/// stored in `action`. The options structs live as long as the App.
void add_validate_command(CLI::App& app, const GlobalOptions& globals, CommandAction& action);

}  // namespace esc

#include <iostream>

#include "cli/driver.h"

int main(int argc, char** argv) { return sfn::cli::run_cli(argc, argv, std::cout, std::cerr); }

package csc.lakehouse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The csc command line (architecture.md section 3). Each command is a subcommand class in this package. */
@Command(name = "csc", mixinStandardHelpOptions = true, description = "csc-lakehouse: children's social care data pipeline",
        subcommands = {GenerateCommand.class})
public final class Csc implements Runnable {
    public static void main(String[] args) {
        int code = new CommandLine(new Csc()).execute(args);
        System.exit(code);
    }

    @Override
    public void run() { new CommandLine(this).usage(System.out); }
}

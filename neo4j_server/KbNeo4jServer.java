// A Neo4j Community server with Bolt on 127.0.0.1, for the tests, the benchmark and `make neo4j`.
//
// Usage: java -cp CLASSPATH KbNeo4jServer.java CONF DATA_DIR PORT PASSWORD [--until-stdin-closes]
// Reads the settings file CONF (neo4j.conf beside this file), sets the password of the user neo4j, prints
// "KB_NEO4J_READY bolt://127.0.0.1:PORT" when it accepts connections, and shuts down cleanly on
// SIGTERM or Ctrl-C (or when standard input closes, so a test run that dies takes it along).
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;

public class KbNeo4jServer {
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: KbNeo4jServer CONF DATA_DIR PORT PASSWORD [--until-stdin-closes]");
            System.exit(2);
        }
        Path conf = Path.of(args[0]);
        if (!Files.isReadable(conf)) {
            System.err.println("KbNeo4jServer: cannot read the settings file " + conf);
            System.exit(2);
        }
        Path home = Path.of(args[1]).toAbsolutePath();
        int port = Integer.parseInt(args[2]);
        String password = args[3];
        boolean untilStdinCloses = args.length > 4 && args[4].equals("--until-stdin-closes");

        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(conf)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown));
        try {
            service.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (QueryExecutionException e) {
            // a restart on the same files: the password is set already
            if (!e.getMessage().contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
        System.out.println("KB_NEO4J_READY bolt://127.0.0.1:" + port);
        System.out.flush();
        if (untilStdinCloses) {
            while (System.in.read() != -1) {
                // keep running while the parent process holds the pipe open
            }
            System.exit(0);
        }
        Thread.currentThread().join();
    }
}

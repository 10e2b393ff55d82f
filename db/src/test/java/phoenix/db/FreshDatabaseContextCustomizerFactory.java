package phoenix.db;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

/**
 * Gives every Spring test application context of a module that has this test-jar its own freshly created database
 * (registered in META-INF/spring.factories, so no test can forget it), and drops it when the context closes,
 * after the context's DataSource.
 */
public class FreshDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    static final String BEAN_NAME = "phoenixTestDatabase";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        return new FreshDatabase();
    }

    private static final class FreshDatabase implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestDatabase database = TestDatabase.create();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(BEAN_NAME, Map.of(
                    "spring.datasource.url", database.jdbcUrl(),
                    "spring.datasource.username", database.username(),
                    "spring.datasource.password", database.password())));
            DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
            beanFactory.registerSingleton(BEAN_NAME, database);
            beanFactory.registerDisposableBean(BEAN_NAME, database::close);
            // every DataSource depends on the database, so it is closed before the database is dropped
            context.addBeanFactoryPostProcessor(factory -> {
                for (String dataSource : factory.getBeanNamesForType(DataSource.class, true, false)) {
                    factory.registerDependentBean(BEAN_NAME, dataSource);
                }
            });
        }

        // all instances are equal, so Spring's test context cache still shares contexts between test classes
        @Override
        public boolean equals(Object other) {
            return other instanceof FreshDatabase;
        }

        @Override
        public int hashCode() {
            return FreshDatabase.class.hashCode();
        }
    }
}

package dev.scanpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * A {@code scanpay.*} default is written once, as {@code @DefaultValue} on its properties record: no annotation
 * in the application's code repeats one in a placeholder such as {@code @Value("${scanpay.x:default}")} or
 * {@code @Scheduled(fixedDelayString = "${scanpay.x:5s}")}, which would go on working with its own default
 * after the record's changed.
 */
class PropertyDefaultsTests {

	@Test
	void noAnnotationOfTheApplicationHoldsAPlaceholderWithADefault() {
		var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.scanpay");
		var placeholders = new ArrayList<String>();
		for (var type : classes) {
			annotationsOf(type).forEach(annotation -> annotation.getProperties()
				.forEach((name, value) -> collectPlaceholders(value,
						annotation.getOwner() + " @" + annotation.getRawType().getSimpleName() + "(" + name + ")",
						placeholders)));
		}

		assertThat(classes).as("the application's classes").isNotEmpty();
		assertThat(placeholders).isEmpty();
	}

	private static Stream<? extends JavaAnnotation<?>> annotationsOf(JavaClass type) {
		var parameters = type.getCodeUnits()
			.stream()
			.map(JavaCodeUnit::getParameters)
			.flatMap(List::stream)
			.flatMap(parameter -> parameter.getAnnotations().stream());
		var members = type.getMembers().stream().flatMap(member -> member.getAnnotations().stream());
		return Stream.of(type.getAnnotations().stream(), members, parameters).flatMap(annotations -> annotations);
	}

	private static void collectPlaceholders(Object value, String where, List<String> placeholders) {
		if (value instanceof String text && text.matches("(?s).*\\$\\{[^}]*:.*")) {
			placeholders.add(where + ": " + text);
		}
		else if (value instanceof Object[] values) {
			for (var element : values) {
				collectPlaceholders(element, where, placeholders);
			}
		}
		else if (value instanceof JavaAnnotation<?> nested) {
			nested.getProperties().forEach((name, nestedValue) -> collectPlaceholders(nestedValue, where, placeholders));
		}
	}
}

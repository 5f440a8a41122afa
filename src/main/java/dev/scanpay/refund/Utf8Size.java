package dev.scanpay.refund;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A text of at most {@code max} bytes in UTF-8, as WeChat counts the length of its fields ({@code null} is
 * valid).
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Utf8Size.Check.class)
@interface Utf8Size {

	int max();

	String message() default "must be at most {max} bytes in UTF-8";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	final class Check implements ConstraintValidator<Utf8Size, String> {

		private int max;

		@Override
		public void initialize(Utf8Size constraint) {
			this.max = constraint.max();
		}

		@Override
		public boolean isValid(@Nullable String text, ConstraintValidatorContext context) {
			return text == null || text.getBytes(StandardCharsets.UTF_8).length <= max;
		}
	}
}

// Test doubles and fixture builders shared by the test targets live in this folder.
